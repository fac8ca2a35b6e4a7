using System.Text.Json;
using System.Text.Json.Serialization;
using SpotConnect.Validation;

using SpotConnect.IO;

namespace SpotConnect.Link;

/// <summary>Reads and writes the state file; writes are atomic (a temporary file, then a rename).</summary>
public static class LinkStateStore
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary>The state in <paramref name="path"/>, or <see langword="null"/> when there is no such file.</summary>
    /// <param name="path">The state file.</param>
    /// <param name="option">How the user named the file (for messages).</param>
    /// <exception cref="SpotConnectValidationException">The file is not a link state.</exception>
    public static LinkState? Load(string path, string option)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<LinkState>(File.ReadAllText(path), Options)
                ?? throw new SpotConnectValidationException(new ValidationProblem(option, path, "the state file is empty."));
        }
        catch (JsonException e)
        {
            throw new SpotConnectValidationException(new ValidationProblem(option, path, $"not a spot-connect link state file ({e.Message}). Move it away to start over."));
        }
    }

    /// <summary>Writes the state atomically: readers see the old file or the new one, never a part.</summary>
    public static void Save(string path, LinkState state) =>
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(state, Options) + Environment.NewLine);
}
