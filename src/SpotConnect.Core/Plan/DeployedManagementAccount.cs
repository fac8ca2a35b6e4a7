namespace SpotConnect.Plan;

/// <summary>The management account's own role in <c>SpotOrgStack</c>, as deployed.</summary>
public sealed record DeployedManagementAccount
{
    /// <summary>The management account (12 digits).</summary>
    public required string AwsAccountId { get; init; }

    /// <summary>Its role's ARN.</summary>
    public required string RoleArn { get; init; }
}
