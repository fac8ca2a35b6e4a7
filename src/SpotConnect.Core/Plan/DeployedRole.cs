namespace SpotConnect.Plan;

/// <summary>The role as a deploy created it: the properties whose change replaces it (name, path) or updates it in place (boundary, tags).</summary>
public sealed record DeployedRole
{
    /// <summary>The role name.</summary>
    public required string Name { get; init; }

    /// <summary>The role's IAM path (<c>/</c> unless given).</summary>
    public string Path { get; init; } = "/";

    /// <summary>The permissions boundary (an ARN, or a policy name in the account), if any.</summary>
    public string? PermissionsBoundary { get; init; }

    /// <summary>Tags on the role; <see langword="null"/> or empty when none.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
