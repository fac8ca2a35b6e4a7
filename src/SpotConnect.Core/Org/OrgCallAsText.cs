namespace SpotConnect.Org;

/// <summary><see cref="OrgCallAs"/> as CloudFormation, the CLI and the state file spell it: <c>SELF</c>, <c>DELEGATED_ADMIN</c>.</summary>
public static class OrgCallAsText
{
    /// <summary>The valid spellings.</summary>
    public static IReadOnlyList<string> Choices { get; } = ["SELF", "DELEGATED_ADMIN"];

    /// <summary>CloudFormation's spelling of <paramref name="callAs"/>.</summary>
    public static string ToText(this OrgCallAs callAs) => callAs == OrgCallAs.Self ? "SELF" : "DELEGATED_ADMIN";

    /// <summary>The administrator <paramref name="text"/> names (any case, spaces trimmed), or <see langword="null"/>.</summary>
    public static OrgCallAs? Parse(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "SELF" => OrgCallAs.Self,
        "DELEGATED_ADMIN" => OrgCallAs.DelegatedAdmin,
        _ => null,
    };
}
