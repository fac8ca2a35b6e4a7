using System.Reflection;
using Amazon.CDK;
using SpotConnect.Settings;

namespace SpotConnect.Cdk;

/// <summary>Records <see cref="SpotStackMetadata"/> on a stack: this library's version and what the stack creates.</summary>
internal static class StackMetadata
{
    /// <summary>This library's version (its package version, without build metadata).</summary>
    public static string Version { get; } = VersionOf(typeof(StackMetadata).Assembly);

    /// <summary>The informational version of <paramref name="assembly"/> without build metadata (<c>+…</c>).</summary>
    internal static string VersionOf(Assembly assembly)
    {
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }

    /// <summary>Records the version and <paramref name="fingerprint"/> on <paramref name="stack"/>.</summary>
    internal static void Record(Stack stack, string fingerprint)
    {
        stack.Node.AddMetadata(SpotStackMetadata.VersionType, Version);
        stack.Node.AddMetadata(SpotStackMetadata.FingerprintType, fingerprint);
    }
}
