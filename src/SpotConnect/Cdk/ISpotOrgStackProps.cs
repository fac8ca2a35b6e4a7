using Amazon.CDK;
using SpotConnect.Policies;
using SpotConnect.Selection;
using SpotConnect.Settings;

namespace SpotConnect.Cdk;

/// <summary>Properties of <see cref="SpotOrgStack"/>: the stack's own (<see cref="IStackProps"/>; its <see cref="IStackProps.Synthesizer"/> decides whether the admin account must be bootstrapped) and the rollout's (<see cref="ISpotOrgStackSetsProps"/>), flat.</summary>
public interface ISpotOrgStackProps : IStackProps, ISpotOrgStackSetsProps
{
    /// <summary>
    /// Tags on the stack and so on every role it holds (<see cref="IStackProps.Tags"/> and the role's tags, one property:
    /// CloudFormation cannot tag an <c>AWS::IAM::ManagedPolicy</c>). IAM's rules apply: at most 50, keys 1–128 and values
    /// 0–256 characters, no <c>aws:</c> prefix.
    /// </summary>
    /// <remarks>Default: none.</remarks>
    new IDictionary<string, string>? Tags { get; }
}
