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

        // Check the settings before the CDK starts (its Node bridge takes seconds), so bad input fails at once.
        if (PreflightProblems() is { } early)
        {
            return Fail(early, Environment.GetEnvironmentVariable("CDK_OUTDIR"), StackNameHint(key => ContextFromEnvironment.Value?.GetValueOrDefault(key)));
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
            return Fail(e, app.Outdir, StackNameHint(key => app.Node.TryGetContext(key)));
        }
    }

    private static readonly Lazy<Dictionary<string, object?>?> ContextFromEnvironment = new(CdkContext.FromEnvironment);

    /// <summary>The settings' problems, read from the context the CDK CLI hands the app; null when fine or unknown.</summary>
    private static SpotConnectValidationException? PreflightProblems()
    {
        var context = ContextFromEnvironment.Value;
        if (context is null)
        {
            return null; // Not run by the CDK CLI (or context in an unknown form): the App reads it below.
        }

        try
        {
            _ = SpotLinkAppSettings.Read(key => context.GetValueOrDefault(key), Environment.GetEnvironmentVariable);
            return null;
        }
        catch (SpotConnectValidationException e)
        {
            return e;
        }
    }

    private static string StackNameHint(Func<string, object?> context) =>
        context(ContextKeys.StackName) as string
        ?? Environment.GetEnvironmentVariable(ContextKeys.EnvironmentFallbacks[ContextKeys.StackName])
        ?? SpotLinkStack.DefaultStackName;

    private static int Fail(SpotConnectValidationException e, string? outdir, string stackName)
    {
        if (!string.IsNullOrEmpty(outdir))
        {
            StaleOutput.Remove(outdir, stackName);
        }

        Console.Error.WriteLine($"SpotConnect: nothing was synthesized. {e.Message}");
        return 1;
    }
}
