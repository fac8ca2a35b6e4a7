namespace SpotConnect.Plan;

/// <summary>A role property that differs: <c>name</c>, <c>path</c> (both replace the role), <c>permissionsBoundary</c>, <c>tags</c> (updated in place).</summary>
internal sealed record RolePropertyChange(string Property, string? Deployed, string? Planned)
{
    /// <summary>Whether changing this property makes CloudFormation replace the role (a new role, a new ARN).</summary>
    public bool Replaces => Property is "name" or "path";
}
