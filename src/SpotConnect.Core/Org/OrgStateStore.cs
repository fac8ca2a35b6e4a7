using SpotConnect.IO;
using SpotConnect.Validation;

namespace SpotConnect.Org;

/// <summary>Reads and writes the org state file (default <c>spot-org.json</c>); writes are atomic.</summary>
public static class OrgStateStore
{
    /// <summary>The default state file name.</summary>
    public const string DefaultFileName = "spot-org.json";

    private static readonly JsonStateFile<OrgState> File = new("spot-connect org state");

    /// <summary>The state in <paramref name="path"/>, or <see langword="null"/> when there is no such file.</summary>
    /// <param name="path">The state file.</param>
    /// <param name="field">How the user named the file (for messages).</param>
    /// <exception cref="SpotConnectValidationException">The file is not an org state.</exception>
    public static OrgState? Load(string path, string field) => File.Load(path, field) is { } state ? state with { SourcePath = path } : null;

    /// <summary>Writes the state atomically: readers see the old file or the new one, never a part.</summary>
    public static void Save(string path, OrgState state) => File.Save(path, state);
}
