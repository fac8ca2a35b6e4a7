namespace SpotConnect.Plan;

/// <summary>The management account's own role (in SpotOrgStack), deployed and planned.</summary>
internal sealed record ManagementPlan(DeployedManagementAccount? Deployed, DeployedManagementAccount? Planned)
{
    /// <summary>Whether it changes: added, removed, or a new ARN.</summary>
    public bool HasChanges => Deployed?.RoleArn != Planned?.RoleArn || Deployed?.AwsAccountId != Planned?.AwsAccountId;
}
