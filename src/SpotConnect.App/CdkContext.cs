using System.Text.Json;

namespace SpotConnect.App;

/// <summary>
/// The context the CDK CLI hands an app: JSON in <c>CDK_CONTEXT_JSON</c>, or in the file named by
/// <c>CONTEXT_OVERFLOW_LOCATION_ENV</c> when it is large. Read without starting the CDK, for an early check.
/// </summary>
internal static class CdkContext
{
    public static Dictionary<string, object?>? FromEnvironment()
    {
        var json = Environment.GetEnvironmentVariable("CDK_CONTEXT_JSON");
        var overflow = Environment.GetEnvironmentVariable("CONTEXT_OVERFLOW_LOCATION_ENV");
        if (string.IsNullOrEmpty(json) && !string.IsNullOrEmpty(overflow) && File.Exists(overflow))
        {
            json = File.ReadAllText(overflow);
        }

        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind != JsonValueKind.Object
                ? null
                : document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => Plain(p.Value));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static object? Plain(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.Null => null,
        JsonValueKind.Array => value.EnumerateArray().Select(Plain).ToArray(),
        _ => value.GetRawText(),
    };
}
