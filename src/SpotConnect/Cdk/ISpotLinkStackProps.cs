using Amazon.CDK;
using SpotConnect.Policies;
using SpotConnect.Selection;
using SpotConnect.Settings;

namespace SpotConnect.Cdk;

/// <summary>Properties of <see cref="SpotLinkStack"/>: the stack's own (<see cref="IStackProps"/>; its <see cref="IStackProps.Synthesizer"/> decides whether the account must be bootstrapped) and the link's (<see cref="ISpotLinkProps"/>), flat.</summary>
public interface ISpotLinkStackProps : IStackProps, ISpotLinkProps
{
}
