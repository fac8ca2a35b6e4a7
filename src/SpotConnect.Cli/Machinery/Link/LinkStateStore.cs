using SpotConnect.IO;
using SpotConnect.Validation;

namespace SpotConnect.Link;

/// <summary>Reads and writes the link state file; writes are atomic (a temporary file, then a rename).</summary>
internal static class LinkStateStore
{
    private static readonly JsonStateFile<LinkState> File = new("spot-connect link state");

    /// <summary>The state in <paramref name="path"/>, or <see langword="null"/> when there is no such file.</summary>
    /// <param name="path">The state file.</param>
    /// <param name="option">How the user named the file (for messages).</param>
    /// <exception cref="SpotConnectValidationException">The file is not a link state.</exception>
    public static LinkState? Load(string path, string option) => File.Load(path, option);

    /// <summary>Writes the state atomically: readers see the old file or the new one, never a part.</summary>
    public static void Save(string path, LinkState state) => File.Save(path, state);
}
