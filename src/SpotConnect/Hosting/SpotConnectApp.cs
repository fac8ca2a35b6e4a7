using Amazon.CDK;
using SpotConnect.Cdk;
using SpotConnect.Org;
using SpotConnect.Settings;
using SpotConnect.Validation;

namespace SpotConnect.Hosting;

/// <summary>
/// The SpotConnect CDK app in one call: reads the connection's settings (the <c>spot:*</c> keys of CDK context, as
/// <c>cdk.json</c> and <c>-c</c> give them; else the <c>SPOT_*</c> environment variables), builds SpotLinkStack (or
/// SpotOrgStack with <c>spot:orgState</c>) through the public constructs, which check every rule once, and
/// synthesizes. Problems are named by their context keys, all at once. SpotConnect's own app and every project
/// <c>spot-connect init</c> writes are this call.
/// </summary>
/// <example>
/// <code>
/// // Program.cs of a connection repository: the settings live in cdk.json.
/// return SpotConnect.Hosting.SpotConnectApp.Run();
/// </code>
/// </example>
public static class SpotConnectApp
{
    private const string NodeBannerSwitch = "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION";

    /// <summary>
    /// One run of the app, as the CDK CLI starts it: reads the context it handed over and the <c>SPOT_*</c> variables,
    /// builds the stack and synthesizes it into <c>CDK_OUTDIR</c>. On a bad setting nothing is synthesized: every problem
    /// is written out by its context key, an earlier template of the stack is removed, and the result is 1; any other
    /// failure (the CDK's, the disk's) also removes that template and is written out in full, with 1.
    /// </summary>
    /// <param name="options">Code that changes the props, and the environment; default: none, and the process's.</param>
    /// <returns>The process exit code: 0 when the stack was synthesized, else 1.</returns>
    public static int Run(SpotConnectAppOptions? options = null)
    {
        // Node 20 is supported by this CDK version; jsii's end-of-life banner would only be noise on stderr.
        if (options?.Environment is null && System.Environment.GetEnvironmentVariable(NodeBannerSwitch) is null)
        {
            System.Environment.SetEnvironmentVariable(NodeBannerSwitch, "20");
        }

        return Run(options, () => new App());
    }

    /// <summary>As <see cref="Run(SpotConnectAppOptions?)"/>, in the app <paramref name="newApp"/> gives (one that reads the same context and <c>CDK_OUTDIR</c>).</summary>
    internal static int Run(SpotConnectAppOptions? options, Func<App> newApp)
    {
        var environment = options?.Environment ?? System.Environment.GetEnvironmentVariable;
        var error = options?.Error ?? Console.Error;
        var context = CdkContext.FromEnvironment(environment);
        var settings = SpotContextSettings.Read(key => context.GetValueOrDefault(key), environment);

        // Only a failed run needs it (its earlier template is removed): the state file is read again only then.
        string StaleStackName() => settings.Texts.GetValueOrDefault(SpotSettings.StackName)
            ?? DefaultStackName(settings, settings.Texts.ContainsKey(SpotSettings.OrgState) ? settings.LoadOrgState([]) : null);
        try
        {
            var app = newApp();
            _ = AddStack(app, settings, options);
            app.Synth();
            return 0;
        }
        catch (SpotConnectValidationException e)
        {
            StaleOutput.Remove(environment("CDK_OUTDIR"), StaleStackName());
            error.WriteLine($"SpotConnect: nothing was synthesized. {e.NamedBy(s => s.ContextKey, inContractOrder: true).Message}");
            if (e.Problems.Any(p => p.SettingKey == SpotSettings.OrgState.ContextKey))
            {
                // Core states the rule; the app says which command makes the file.
                error.WriteLine($"The org state file is written by `spot-connect org prepare` (its default is {OrgStateStore.DefaultFileName}).");
            }
            return 1;
        }
#pragma warning disable CA1031 // Whatever else fails (the CDK, the disk), no earlier template may look current: removed, then said in full.
        catch (Exception e)
#pragma warning restore CA1031
        {
            StaleOutput.Remove(environment("CDK_OUTDIR"), StaleStackName());
            error.WriteLine($"SpotConnect: nothing was synthesized. {e}");
            return 1;
        }
    }

    /// <summary>
    /// Adds the app's stack to <paramref name="app"/>, with the settings of the app's context (<c>spot:*</c> keys) and,
    /// for keys it lacks, the <c>SPOT_*</c> variables: what <see cref="Run(SpotConnectAppOptions?)"/> synthesizes, for a
    /// test that checks it (<see cref="ProjectApp"/> gives an app with the project's <c>cdk.json</c> context).
    /// </summary>
    /// <exception cref="SpotConnectValidationException">A setting is invalid: every problem, named by its context key.</exception>
    public static Stack AddStack(App app, SpotConnectAppOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var environment = options?.Environment ?? System.Environment.GetEnvironmentVariable;
        return AddStack(app, SpotContextSettings.Read(key => app.Node.TryGetContext(key), environment), options);
    }

    /// <summary>
    /// A CDK app with the context of the project around <paramref name="directory"/> (its <c>cdk.json</c>: feature flags
    /// and <c>spot:*</c> keys), as the CDK CLI hands it to the app, plus <paramref name="context"/>: for a project's own tests,
    /// so the template they check is the one <c>cdk synth</c> writes.
    /// </summary>
    /// <param name="directory">A folder at or below the project; default: the current folder.</param>
    /// <param name="context">Context that takes the place of the project's for these keys (as <c>-c key=value</c> would).</param>
    /// <exception cref="FileNotFoundException">No folder at or above <paramref name="directory"/> has a <c>cdk.json</c>.</exception>
    public static App ProjectApp(string? directory = null, IReadOnlyDictionary<string, object>? context = null)
    {
        var start = directory ?? Directory.GetCurrentDirectory();
        var project = CdkProject.Find(start) ?? throw new FileNotFoundException($"no {CdkProject.FileName} in {Path.GetFullPath(start)} or any folder above it.");
        var merged = project.Context.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!, StringComparer.Ordinal);
        foreach (var (key, value) in context ?? new Dictionary<string, object>())
        {
            merged[key] = value;
        }

        // A relative org state path is the project's, as for the CDK CLI (which runs the app in the project folder).
        if (!(context?.ContainsKey(SpotSettings.OrgState.ContextKey) ?? false) && project.OrgStatePath() is { } state)
        {
            merged[SpotSettings.OrgState.ContextKey] = state;
        }

        return new App(new AppProps { Context = merged });
    }

    /// <summary>
    /// The app's stack for <paramref name="settings"/> (SpotOrgStack with <c>spot:orgState</c>, else SpotLinkStack), built
    /// through the public constructs; every problem at once, the settings' own (syntax) and the constructs' (rules).
    /// </summary>
    internal static Stack AddStack(App app, SpotContextSettings settings, SpotConnectAppOptions? options = null)
    {
        var problems = settings.Problems.ToList();
        var link = SpotLinkOptions.From(settings.Values);
        var givenStackName = settings.Get(SpotSettings.StackName);
        var stackName = givenStackName ?? DefaultStackName(settings, null);
        // spot:bootstrapped=true: CDK's default synthesizer (the account's bootstrap resources); unset or false: the stacks' own default, which needs none.
        IStackSynthesizer? Synthesizer() => settings.GetValue(SpotSettings.Bootstrapped) == true ? new DefaultStackSynthesizer() : null;
        var removal = settings.GetValue(SpotSettings.RetainOnDelete) == true ? RemovalPolicy.RETAIN : (RemovalPolicy?)null;
        Stack? stack = null;
        try
        {
            if (settings.Texts.ContainsKey(SpotSettings.OrgState))
            {
                var org = SpotOrgOptions.From(settings.Values, settings.LoadOrgState(problems));
                if (link.ExternalId is { } externalId)
                {
                    problems.Add(SpotOrgSpec.ExternalIdProblem(externalId));
                }

                stackName = givenStackName ?? DefaultStackName(settings, org.State);
                if (givenStackName is not null && org.State?.OtherStackProblem(givenStackName) is { } otherStack)
                {
                    problems.Add(otherStack);
                }

                var props = new SpotOrgStackProps { StackName = stackName, Synthesizer = Synthesizer(), RemovalPolicy = removal, State = org.State, Region = org.Region, CallAs = org.CallAs, FailureTolerance = org.FailureTolerance };
                LinkOptions.CopyTo(link, props);
                options?.ConfigureOrg?.Invoke(props);
                stack = new SpotOrgStack(app, props.StackName ?? stackName, props);
            }
            else
            {
                var props = new SpotLinkStackProps { StackName = stackName, Synthesizer = Synthesizer(), RemovalPolicy = removal };
                LinkOptions.CopyTo(link, props);
                options?.ConfigureLink?.Invoke(props);
                stack = new SpotLinkStack(app, props.StackName ?? stackName, props);
            }
        }
        catch (SpotConnectValidationException e)
        {
            problems.AddRange(SpotContextSettings.Besides(problems, e.Problems));
        }

        return problems.Count == 0 && stack is not null ? stack : throw new SpotConnectValidationException(problems).NamedBy(s => s.ContextKey, inContractOrder: true);
    }

    /// <summary>SpotLinkStack; with an org state, the stack its last recorded deploy named, else SpotOrgStack.</summary>
    private static string DefaultStackName(SpotContextSettings settings, OrgState? state) =>
        settings.Texts.ContainsKey(SpotSettings.OrgState) ? state?.DeployedStackName ?? SpotSettings.DefaultOrgStackName : SpotSettings.DefaultStackName;
}
