using System.Text.Json.Serialization;

namespace SpotConnect.Plan;

/// <summary>The role's part of a plan: what a deploy does to it, its ARN (<c>&lt;account&gt;</c> for an org's member role) and properties, deployed and planned.</summary>
internal sealed record RolePlan(RoleAction Action, string? DeployedArn, string PlannedArn, DeployedRole? Deployed, DeployedRole Planned, IReadOnlyList<RolePropertyChange> Changes)
{
    /// <summary>Whether the deploy replaces the role (a new ARN).</summary>
    public bool Replaced => Action == RoleAction.Replace;

    /// <summary>What the deploy does to the role, as every rendering of a plan says it.</summary>
    [JsonIgnore]
    public string Wording => Action switch
    {
        RoleAction.Replace => "REPLACED",
        RoleAction.Update => "updated in place",
        RoleAction.Create => "created",
        _ => "unchanged",
    };
}
