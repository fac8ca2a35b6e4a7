using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpotConnect.IO;

/// <summary>How the tool serializes what it prints as JSON: camelCase names, enums as camelCase strings, indented, no escaping of characters that need none.</summary>
internal static class CliJson
{
    /// <summary>The options (read-only).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary><paramref name="value"/> as indented JSON.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
