namespace SpotConnect.Org;

/// <summary>The name of the Spot account made for an AWS account.</summary>
internal static class OrgSpotNames
{
    /// <summary>The longest Spot account name used.</summary>
    public const int MaxLength = 100;

    /// <summary>
    /// The AWS account's name (trimmed), or <c>aws-&lt;id&gt;</c> when it has no letter (Spot requires one in a
    /// name) or is too long. Spot account names are not unique; the state records which Spot account is whose.
    /// </summary>
    public static string For(string awsAccountId, string? awsName)
    {
        var name = awsName?.Trim();
        return name is { Length: > 0 and <= MaxLength } && name.Any(char.IsLetter) ? name : $"aws-{awsAccountId}";
    }
}
