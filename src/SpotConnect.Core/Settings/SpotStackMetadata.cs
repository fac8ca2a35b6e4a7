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
}
