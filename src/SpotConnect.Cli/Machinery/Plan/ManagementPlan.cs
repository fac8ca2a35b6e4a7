using System.Text.Json.Serialization;

namespace SpotConnect.Plan;

/// <summary>The management account's own role (in SpotOrgStack), deployed and planned.</summary>
internal sealed record ManagementPlan([property: JsonIgnore] DeployedManagementAccount? Deployed, [property: JsonIgnore] DeployedManagementAccount? Planned)
{
    /// <summary>Whether it changes: added, removed, or a new ARN.</summary>
    [JsonPropertyName("changed")]
    public bool HasChanges => Deployed?.RoleArn != Planned?.RoleArn || Deployed?.AwsAccountId != Planned?.AwsAccountId;

    /// <summary>The management account, if the stack holds its role.</summary>
    public string? AwsAccountId => Planned?.AwsAccountId ?? Deployed?.AwsAccountId;

    /// <summary>The deployed role's ARN.</summary>
    public string? DeployedRoleArn => Deployed?.RoleArn;

    /// <summary>The planned role's ARN.</summary>
    public string? PlannedRoleArn => Planned?.RoleArn;
}
