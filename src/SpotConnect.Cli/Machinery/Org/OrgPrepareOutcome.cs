namespace SpotConnect.Org;

/// <summary>What <c>org prepare</c> did for one account.</summary>
/// <param name="AwsAccountId">The AWS account.</param>
/// <param name="Action">What happened to its Spot account.</param>
/// <param name="NewExternalId">Whether Spot issued an external id for it in this run.</param>
internal sealed record OrgPrepareOutcome(string AwsAccountId, OrgPrepareAction Action, bool NewExternalId);
