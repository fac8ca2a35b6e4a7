using Amazon.CDK;
using Environment = System.Environment;
using SpotConnect.Cdk;
using SpotConnect.Org;
using SpotConnect.Settings;
using SpotConnect.Validation;

namespace SpotConnect.App;

/// <summary>
/// The SpotConnect CDK app: reads the <c>spot:*</c> context (syntax only), builds SpotLinkStack (or SpotOrgStack with
/// <c>spot:orgState</c>) through the construct library's public API, which checks every rule once, and synthesizes.
/// Problems are named by their context keys.
/// </summary>
public static class Program
{
    private const string NodeBannerSwitch = "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION";

    /// <summary>Entry point; exit code 0 on success, 1 when nothing was synthesized (a setting is invalid, or the synthesis failed).</summary>
    public static int Main()
    {
        // Node 20 is supported by this CDK version; jsii's end-of-life banner would only be noise on stderr.
        if (Environment.GetEnvironmentVariable(NodeBannerSwitch) is null)
        {
            Environment.SetEnvironmentVariable(NodeBannerSwitch, "20");
        }

        return Synthesize(Environment.GetEnvironmentVariable, Console.Error, () => new Amazon.CDK.App());
    }

    /// <summary>
    /// One run of the app, as <see cref="Main"/> does it with the process's environment: reads the context the CDK CLI
    /// handed over and the <c>SPOT_*</c> variables, builds the stack in the app <paramref name="newApp"/> gives (one that
    /// reads the same context and <c>CDK_OUTDIR</c>) and synthesizes it. On a bad setting nothing is synthesized: every
    /// problem goes to <paramref name="error"/> by its context key, an earlier template of the stack is removed, and the
    /// result is 1; any other failure (the CDK's, the disk's) also removes that template and is written out in full, with 1.
    /// </summary>
    internal static int Synthesize(Func<string, string?> environment, TextWriter error, Func<Amazon.CDK.App> newApp)
    {
        var context = CdkContext.FromEnvironment(environment);
        var settings = ContextSettings.Read(key => context.GetValueOrDefault(key), environment);
        // Only a failed run needs it (its earlier template is removed): the state file is read again only then.
        string StaleStackName() => settings.Texts.GetValueOrDefault(SpotSettings.StackName)
            ?? DefaultStackName(settings, settings.Texts.ContainsKey(SpotSettings.OrgState) ? settings.LoadOrgState([]) : null);
        try
        {
            var app = newApp();
            _ = AddStack(app, settings);
            app.Synth();
            return 0;
        }
        catch (SpotConnectValidationException e)
        {
            StaleOutput.Remove(environment("CDK_OUTDIR"), StaleStackName());
            error.WriteLine($"SpotConnect: nothing was synthesized. {e.NamedBy(s => s.ContextKey, inContractOrder: true).Message}");
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
    /// The app's stack for <paramref name="settings"/> (SpotOrgStack with <c>spot:orgState</c>, else SpotLinkStack), built
    /// through the public constructs; every problem at once, the settings' own (syntax) and the constructs' (rules).
    /// </summary>
    /// <exception cref="SpotConnectValidationException">A setting is invalid.</exception>
    internal static Stack AddStack(Amazon.CDK.App app, ContextSettings settings)
    {
        var problems = settings.Problems.ToList();
        var link = SpotLinkOptions.From(settings.Values);
        var givenStackName = settings.Get(SpotSettings.StackName);
        var stackName = givenStackName ?? DefaultStackName(settings, null);
        var bootstrapped = settings.GetValue(SpotSettings.Bootstrapped);
        var removal = settings.GetValue(SpotSettings.RetainOnDelete) == true ? RemovalPolicy.RETAIN : (RemovalPolicy?)null;
        Stack? stack = null;
        try
        {
            if (settings.Texts.ContainsKey(SpotSettings.OrgState))
            {
                var org = SpotOrgOptions.From(settings.Values, settings.LoadOrgState(problems));
                stackName = givenStackName ?? DefaultStackName(settings, org.State);
                if (givenStackName is not null && org.State?.OtherStackProblem(givenStackName) is { } otherStack)
                {
                    problems.Add(otherStack);
                }

                var props = new SpotOrgStackProps { StackName = stackName, Bootstrapped = bootstrapped, RemovalPolicy = removal, State = org.State, Region = org.Region, CallAs = org.CallAs, FailureTolerance = org.FailureTolerance };
                LinkOptions.CopyTo(link, props);
                stack = new SpotOrgStack(app, stackName, props);
            }
            else
            {
                var props = new SpotLinkStackProps { StackName = stackName, Bootstrapped = bootstrapped, RemovalPolicy = removal };
                LinkOptions.CopyTo(link, props);
                stack = new SpotLinkStack(app, stackName, props);
            }
        }
        catch (SpotConnectValidationException e)
        {
            problems.AddRange(ContextSettings.Besides(problems, e.Problems));
        }

        return problems.Count == 0 && stack is not null ? stack : throw new SpotConnectValidationException(problems).NamedBy(s => s.ContextKey, inContractOrder: true);
    }

    /// <summary>SpotLinkStack; with an org state, the stack its last recorded deploy named, else SpotOrgStack.</summary>
    private static string DefaultStackName(ContextSettings settings, OrgState? state) =>
        settings.Texts.ContainsKey(SpotSettings.OrgState) ? state?.DeployedStackName ?? SpotSettings.DefaultOrgStackName : SpotSettings.DefaultStackName;
}
