using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpotConnect.Status;

/// <summary>How a status model is written for scripts: camelCase names, enums as camelCase strings, indented.</summary>
internal static class StatusJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary><paramref name="status"/> as JSON.</summary>
    public static string Serialize<T>(T status) => JsonSerializer.Serialize(status, Options);
}
