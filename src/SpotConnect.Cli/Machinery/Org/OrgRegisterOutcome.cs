namespace SpotConnect.Org;

/// <summary>What <c>org register</c> did for one account.</summary>
/// <param name="AwsAccountId">The AWS account.</param>
/// <param name="Action">What happened.</param>
/// <param name="RoleArn">The role registered, or to register.</param>
internal sealed record OrgRegisterOutcome(string AwsAccountId, OrgRegisterAction Action, string? RoleArn);
