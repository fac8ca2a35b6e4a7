namespace SpotConnect.Settings;

/// <summary>
/// The options of one Spot link: the role and policies (<see cref="ISpotRoleOptions"/>) and the external id Spot issued
/// for the account. Every props type of one link implements it (<c>SpotLinkProps</c>, <c>SpotLinkStackProps</c>,
/// <c>SpotLinkStageProps</c>), as aws-cdk-lib's props share their option interfaces.
/// </summary>
public interface ISpotLinkOptions : ISpotRoleOptions
{
    /// <summary>
    /// The external id Spot generated for this account, which Spot must present to assume the role: 2–1,224
    /// characters of <c>[\w+=,.@:/-]</c>. May be a deploy-time token (a CloudFormation parameter's value).
    /// </summary>
    /// <remarks>Default: none. <c>SpotLink</c> requires it; <c>SpotLinkStack</c> then takes it as the CloudFormation parameter <c>ExternalId</c>.</remarks>
    string? ExternalId { get; }
}
