using Amazon.CDK;

namespace SpotConnect.Cdk;

/// <summary>Properties of <see cref="SpotLinkStack"/>: the stack's own (every <see cref="StackProps"/> property is passed through), and the props of the <see cref="SpotLink"/> it holds.</summary>
public class SpotLinkStackProps : StackProps
{
    /// <summary>The role and policies: the props of the stack's <see cref="SpotLink"/>.</summary>
    /// <remarks>
    /// Default: every default of <see cref="SpotLinkProps"/>. Without <see cref="Settings.SpotLinkOptions.ExternalId"/>
    /// the template gets a CloudFormation parameter <c>ExternalId</c>, given at deploy time.
    /// </remarks>
    public SpotLinkProps? Link { get; set; }

    /// <summary>
    /// Whether the target account was bootstrapped with <c>cdk bootstrap</c>. When <see langword="false"/> the
    /// stack uses CDK's <see cref="LegacyStackSynthesizer"/>: <c>cdk deploy</c> works in a fresh account with the
    /// caller's credentials, and the stack cannot hold assets. When <see langword="true"/>, the synthesizer is the app's default (or
    /// <see cref="StackProps.Synthesizer"/> when set).
    /// </summary>
    /// <remarks>Default: <see langword="false"/> (<see langword="true"/> inside a <see cref="SpotLinkStage"/>).</remarks>
    public bool? Bootstrapped { get; set; }
}
