using System.Text.Json;
using System.Text.Json.Serialization;
using SpotConnect.Validation;

namespace SpotConnect.IO;

/// <summary>
/// A state file of <typeparamref name="T"/> in JSON (camelCase, nulls omitted, indented so it diffs well when
/// committed); writes are atomic (<see cref="AtomicFile"/>).
/// </summary>
/// <typeparam name="T">The state record.</typeparam>
/// <param name="Kind">What the file is, for messages (e.g. "spot-connect link state").</param>
public sealed record JsonStateFile<T>(string Kind)
    where T : class
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary>The state in <paramref name="path"/>, or <see langword="null"/> when there is no such file.</summary>
    /// <param name="path">The state file.</param>
    /// <param name="field">How the user named the file (for messages).</param>
    /// <exception cref="SpotConnectValidationException">The file is not such a state.</exception>
    public T? Load(string path, string field)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options)
                ?? throw new SpotConnectValidationException(new ValidationProblem(field, path, "the state file is empty."));
        }
        catch (JsonException e)
        {
            throw new SpotConnectValidationException(new ValidationProblem(field, path, $"not a {Kind} file ({e.Message}). Move it away to start over."));
        }
    }

    /// <summary>Writes the state atomically: readers see the old file or the new one, never a part.</summary>
    public void Save(string path, T state) =>
        AtomicFile.WriteAllText(path, Serialize(state));

    /// <summary>The file's text for <paramref name="state"/>.</summary>
    public string Serialize(T state) => JsonSerializer.Serialize(state, Options) + Environment.NewLine;
}
