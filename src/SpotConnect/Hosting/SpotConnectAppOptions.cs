using SpotConnect.Cdk;

namespace SpotConnect.Hosting;

/// <summary>
/// What a project's app may add to <see cref="SpotConnectApp"/>: code that sets the stack's props after the
/// <c>spot:*</c> context was read (code takes the place of a context key, and every rule still applies), and, for tests,
/// where the environment and messages come from.
/// </summary>
/// <example>
/// <code>
/// return SpotConnectApp.Run(new SpotConnectAppOptions
/// {
///     ConfigureLink = props => props.Tags = new Dictionary&lt;string, string&gt; { ["CostCenter"] = "platform" },
/// });
/// </code>
/// </example>
public sealed class SpotConnectAppOptions
{
    /// <summary>Changes the props of SpotLinkStack after the context was read into them (the app builds SpotLinkStack when no org state is given).</summary>
    /// <remarks>Default: none: the props are exactly what the context and <c>SPOT_*</c> variables say.</remarks>
    public Action<SpotLinkStackProps>? ConfigureLink { get; init; }

    /// <summary>Changes the props of SpotOrgStack after the context was read into them (the app builds SpotOrgStack with <c>spot:orgState</c>).</summary>
    /// <remarks>Default: none.</remarks>
    public Action<SpotOrgStackProps>? ConfigureOrg { get; init; }

    /// <summary>Reads an environment variable (the <c>SPOT_*</c> fallbacks, and the CDK CLI's <c>CDK_CONTEXT_JSON</c> and <c>CDK_OUTDIR</c> in <see cref="SpotConnectApp.Run(SpotConnectAppOptions?)"/>).</summary>
    /// <remarks>Default: the process's environment.</remarks>
    public Func<string, string?>? Environment { get; init; }

    /// <summary>Where <see cref="SpotConnectApp.Run(SpotConnectAppOptions?)"/> writes why nothing was synthesized.</summary>
    /// <remarks>Default: standard error.</remarks>
    public TextWriter? Error { get; init; }
}
