using Amazon.CDK;
using SpotConnect.Settings;

namespace SpotConnect.Cdk;

/// <summary>Records <see cref="SpotStackMetadata"/> on a stack: this library's version and what the stack creates.</summary>
internal static class StackMetadata
{
    /// <summary>This library's version (its package version, without build metadata).</summary>
    public static string Version { get; } = SpotStackMetadata.VersionOf(typeof(StackMetadata).Assembly);

    /// <summary>Whether resources with <paramref name="removalPolicy"/> stay when they leave the stack (anything but destroy, the default).</summary>
    internal static bool Retained(RemovalPolicy? removalPolicy) => removalPolicy is { } policy && policy != RemovalPolicy.DESTROY;

    /// <summary>Records the version and <paramref name="fingerprint"/> on <paramref name="stack"/>.</summary>
    internal static void Record(Stack stack, string fingerprint)
    {
        stack.Node.AddMetadata(SpotStackMetadata.VersionType, Version);
        stack.Node.AddMetadata(SpotStackMetadata.FingerprintType, fingerprint);
    }
}
