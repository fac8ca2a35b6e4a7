using System.Reflection;

namespace SpotConnect.Settings;

/// <summary>
/// What a SpotConnect stack records about itself in the cloud assembly's manifest (never in its template): the
/// SpotConnect version that synthesized it and the fingerprint of what it creates (<see cref="SpotLinkSpec.Fingerprint"/>,
/// <see cref="SpotOrgSpec.Fingerprint"/>). A deploying tool reads both from the synthesized assembly, then deploys that
/// very assembly.
/// </summary>
public static class SpotStackMetadata
{
    /// <summary>The manifest metadata type of the SpotConnect version that synthesized the stack.</summary>
    public const string VersionType = "spotconnect:version";

    /// <summary>The manifest metadata type of the fingerprint of what the stack creates.</summary>
    public const string FingerprintType = "spotconnect:fingerprint";

    /// <summary>The package version <paramref name="assembly"/> was built as (its informational version without build metadata, <c>+…</c>): what the tool and the stacks record and compare.</summary>
    public static string VersionOf(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
