using Amazon.CDK;
using SpotConnect.Policies;
using SpotConnect.Selection;
using SpotConnect.Settings;

namespace SpotConnect.Cdk;

/// <summary>Properties of <see cref="SpotOrgStack"/>: the stack's own (<see cref="IStackProps"/>; its <see cref="IStackProps.Synthesizer"/> decides whether the admin account must be bootstrapped) and the rollout's (<see cref="ISpotOrgStackSetsProps"/>), flat.</summary>
public interface ISpotOrgStackProps : IStackProps, ISpotOrgStackSetsProps
{
}
