using Amazon.CDK;

namespace SpotConnect.Cdk;

/// <summary>
/// A stack synthesizer for stacks that deploy with <c>cdk deploy</c> into an account that was never
/// bootstrapped: the CLI deploys the template inline with the caller's own credentials. The cloud
/// assembly names no deploy, lookup or execution role, requires no bootstrap version and holds no
/// assets (adding one is an error that says what to do instead).
/// </summary>
/// <remarks>
/// CDK's own <c>BootstraplessSynthesizer</c> still writes the bootstrap deploy-role ARN into the manifest;
/// this one writes none. The template must stay under CloudFormation's 51,200-byte inline limit.
/// </remarks>
public sealed class NoBootstrapSynthesizer : StackSynthesizer
{
    private const string AssetsNeedBootstrap =
        "This stack deploys without 'cdk bootstrap', so it cannot carry assets (files or Docker images). " +
        "Bootstrap the account and synthesize with the default synthesizer (SpotConnect: -c spot:bootstrapped=true).";

    /// <summary>Refuses: assets need a bootstrapped account.</summary>
    public override IFileAssetLocation AddFileAsset(IFileAssetSource asset) =>
        throw new InvalidOperationException(AssetsNeedBootstrap);

    /// <summary>Refuses: assets need a bootstrapped account.</summary>
    public override IDockerImageAssetLocation AddDockerImageAsset(IDockerImageAssetSource asset) =>
        throw new InvalidOperationException(AssetsNeedBootstrap);

    /// <summary>Writes the template and a stack artifact that names no roles.</summary>
    public override void Synthesize(ISynthesisSession session)
    {
        SynthesizeTemplate(session);
        EmitArtifact(session, new SynthesizeStackArtifactOptions());
    }
}
