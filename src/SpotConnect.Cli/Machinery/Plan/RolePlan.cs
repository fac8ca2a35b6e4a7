namespace SpotConnect.Plan;

/// <summary>The role's part of a plan.</summary>
internal sealed record RolePlan(RoleAction Action, DeployedRole? Deployed, DeployedRole Planned, IReadOnlyList<RolePropertyChange> Changes);
