using SpotConnect.Cdk;
using SpotConnect.Configuration;
using SpotConnect.Validation;

namespace SpotConnect.App;

/// <summary>The SpotConnect CDK app: reads the <c>spot:*</c> context, builds SpotLinkStack, synthesizes.</summary>
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

        var app = new Amazon.CDK.App();
        try
        {
            var settings = SpotLinkAppSettings.Read(key => app.Node.TryGetContext(key), Environment.GetEnvironmentVariable);
            _ = new SpotLinkStack(app, settings.StackName, settings.ToStackProps());
            app.Synth();
            return 0;
        }
        catch (SpotConnectValidationException e)
        {
            StaleOutput.Remove(app.Outdir, app.Node.TryGetContext(ContextKeys.StackName) as string
                ?? Environment.GetEnvironmentVariable(ContextKeys.EnvironmentFallbacks[ContextKeys.StackName])
                ?? SpotLinkStack.DefaultStackName);
            Console.Error.WriteLine($"SpotConnect: nothing was synthesized. {e.Message}");
            return 1;
        }
    }
}
