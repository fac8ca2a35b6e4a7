using Amazon.CDK;
using SpotConnect.Policies;
using SpotConnect.Selection;
using SpotConnect.Settings;

namespace SpotConnect.Cdk;

/// <summary>
/// Properties of <see cref="SpotOrgStackSets"/>: the organization (<see cref="ISpotOrgOptions"/>) and the role and policies
/// every account gets (<see cref="ISpotRoleOptions"/>: each account's external id comes from the state, so there is none
/// to give), flat.
/// </summary>
public interface ISpotOrgStackSetsProps : ISpotOrgOptions, ISpotRoleOptions
{
    /// <summary>What happens to the StackSets (and the management account's role and policies) when they leave the stack or the stack is deleted.</summary>
    /// <remarks>Default: <see cref="Amazon.CDK.RemovalPolicy.DESTROY"/>: deleting the stack deletes every account's role, which disconnects Spot.</remarks>
    RemovalPolicy? RemovalPolicy { get; }
}
