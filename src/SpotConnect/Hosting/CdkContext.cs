using System.Text.Json;
using SpotConnect.Settings;

namespace SpotConnect.Hosting;

/// <summary>
/// The context the CDK CLI hands an app: JSON in <c>CDK_CONTEXT_JSON</c>, or in the file named by
/// <c>CONTEXT_OVERFLOW_LOCATION_ENV</c> when it is large. Read without the CDK (the <c>App</c> reads the same JSON):
/// the settings are read from it before the CDK's Node bridge starts, and their problems reported with the constructs' own.
/// </summary>
internal static class CdkContext
{
    /// <summary>The context, or an empty one when the app was not started by the CDK CLI.</summary>
    /// <param name="environment">Reads an environment variable (the process's, or a test's).</param>
    /// <exception cref="InvalidOperationException">The CDK CLI handed over context that is not a JSON object.</exception>
    public static Dictionary<string, object?> FromEnvironment(Func<string, string?> environment)
    {
        var json = environment("CDK_CONTEXT_JSON");
        var overflow = environment("CONTEXT_OVERFLOW_LOCATION_ENV");
        if (string.IsNullOrEmpty(json) && !string.IsNullOrEmpty(overflow) && File.Exists(overflow))
        {
            json = File.ReadAllText(overflow);
        }

        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => CdkProject.Plain(p.Value))
                : throw new InvalidOperationException("CDK_CONTEXT_JSON is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"CDK_CONTEXT_JSON is not valid JSON: {e.Message}", e);
        }
    }
}
