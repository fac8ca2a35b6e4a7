using RemovalPolicy = Amazon.CDK.RemovalPolicy;
using SpotConnect.Cdk;
using SpotConnect.Settings;
using SpotConnect.Validation;

namespace SpotConnect.App;

/// <summary>The SpotConnect CDK app: reads the <c>spot:*</c> context, builds SpotLinkStack (or SpotOrgStack with <c>spot:orgState</c>), synthesizes.</summary>
public static class Program
{
    private const string NodeBannerSwitch = "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION";

    /// <summary>Entry point; exit code 0 on success, 1 when a setting is invalid.</summary>
    public static int Main()
    {
        // Node 20 is supported by this CDK version; jsii's end-of-life banner would only be noise on stderr.
        if (Environment.GetEnvironmentVariable(NodeBannerSwitch) is null)
        {
            Environment.SetEnvironmentVariable(NodeBannerSwitch, "20");
        }

        // The settings are read and checked once, from the context the CDK CLI hands the app, before the CDK
        // starts (its Node bridge takes seconds): bad input fails at once, and nothing is synthesized.
        var context = CdkContext.FromEnvironment();
        var values = SettingValues.FromContext(key => context.GetValueOrDefault(key), Environment.GetEnvironmentVariable);
        try
        {
            var settings = SpotAppSettings.Read(values);
            var app = new Amazon.CDK.App();
            _ = AddStack(app, settings);
            app.Synth();
            return 0;
        }
        catch (SpotConnectValidationException e)
        {
            StaleOutput.Remove(Environment.GetEnvironmentVariable("CDK_OUTDIR"), SpotAppSettings.StackNameOf(values));
            Console.Error.WriteLine($"SpotConnect: nothing was synthesized. {e.Message}");
            return 1;
        }
    }

    /// <summary>The app's stack for <paramref name="settings"/> (SpotOrgStack with <c>spot:orgState</c>, else SpotLinkStack), checked once already (the tests build it the same way).</summary>
    internal static Amazon.CDK.Stack AddStack(Amazon.CDK.App app, SpotAppSettings settings)
    {
        var removal = settings.RetainOnDelete ? RemovalPolicy.RETAIN : (RemovalPolicy?)null;
        return settings.Org is { } org
            ? new SpotOrgStack(app, settings.StackName, new SpotOrgStackProps
            {
                StackName = settings.StackName,
                Bootstrapped = settings.Bootstrapped,
                Link = new SpotLinkProps { RemovalPolicy = removal },
            }, org)
            : new SpotLinkStack(app, settings.StackName, new SpotLinkStackProps
            {
                StackName = settings.StackName,
                Bootstrapped = settings.Bootstrapped,
                Link = new SpotLinkProps { RemovalPolicy = removal },
            }, settings.Link);
    }
}
