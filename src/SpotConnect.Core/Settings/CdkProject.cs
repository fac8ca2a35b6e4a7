using System.Text.Json;
using SpotConnect.Validation;

namespace SpotConnect.Settings;

/// <summary>
/// A CDK project folder as the CDK CLI sees it: its <c>cdk.json</c>, with the command that runs the app and the
/// context it hands the app (feature flags and, in a SpotConnect project, the connection's <c>spot:*</c> settings).
/// Read without the CDK, so the <c>spot-connect</c> tool and a project's own tests read the settings exactly as the
/// app gets them from the CDK CLI.
/// </summary>
public sealed class CdkProject
{
    /// <summary>The file that makes a folder a CDK project.</summary>
    public const string FileName = "cdk.json";

    private CdkProject(string directory, string? appCommand, IReadOnlyDictionary<string, object?> context)
    {
        Directory = directory;
        AppCommand = appCommand;
        Context = context;
    }

    /// <summary>The project folder (full path): where <c>cdk.json</c> is.</summary>
    public string Directory { get; }

    /// <summary>The <c>app</c> command of <c>cdk.json</c>, if it has one.</summary>
    public string? AppCommand { get; }

    /// <summary>The <c>context</c> of <c>cdk.json</c>: strings, booleans, numbers (<see cref="double"/>), lists and objects (as JSON text) by key.</summary>
    public IReadOnlyDictionary<string, object?> Context { get; }

    /// <summary>The connection's settings in <see cref="Context"/> (the <c>spot:*</c> keys), parsed (syntax only); no environment variable is read.</summary>
    public SpotContextSettings Settings => SpotContextSettings.Read(key => Context.GetValueOrDefault(key), _ => null);

    /// <summary>
    /// The org state file <c>cdk.json</c> names (<c>spot:orgState</c>), as a full path: a relative one is the project's, as
    /// for the app, which the CDK CLI runs in the project folder. <see langword="null"/> when it names none.
    /// </summary>
    public string? OrgStatePath() =>
        Context.GetValueOrDefault(SpotSettings.OrgState.ContextKey) is string { Length: > 0 } path ? System.IO.Path.GetFullPath(path, Directory) : null;

    /// <summary>Whether <paramref name="directory"/> holds a <c>cdk.json</c>.</summary>
    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, FileName));

    /// <summary>Reads the project in <paramref name="directory"/>.</summary>
    /// <exception cref="FileNotFoundException">The folder has no <c>cdk.json</c>.</exception>
    /// <exception cref="SpotConnectValidationException"><c>cdk.json</c> is not a JSON object, or its <c>context</c> is not one.</exception>
    public static CdkProject Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var full = Path.GetFullPath(directory);
        var path = Path.Combine(full, FileName);
        var text = File.ReadAllText(path);
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(path, "is not a JSON object.");
            }

            string? app = root.TryGetProperty("app", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            var context = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (root.TryGetProperty("context", out var c))
            {
                if (c.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid(path, "has a \"context\" that is not a JSON object.");
                }

                foreach (var property in c.EnumerateObject())
                {
                    context[property.Name] = Plain(property.Value);
                }
            }

            return new CdkProject(full, app, context);
        }
        catch (JsonException e)
        {
            throw Invalid(path, $"is not valid JSON: {e.Message}");
        }
    }

    /// <summary>The nearest project at or above <paramref name="directory"/>, or <see langword="null"/> when no folder up to the root has a <c>cdk.json</c>.</summary>
    public static CdkProject? Find(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        for (var folder = new DirectoryInfo(Path.GetFullPath(directory)); folder is not null; folder = folder.Parent)
        {
            if (Exists(folder.FullName))
            {
                return Load(folder.FullName);
            }
        }

        return null;
    }

    /// <summary>
    /// A JSON value as plain .NET values, as the CDK hands context to an app: strings, booleans, numbers as
    /// <see cref="double"/>, <see langword="null"/>, arrays as <c>object[]</c>, objects as their JSON text.
    /// </summary>
    public static object? Plain(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.Null => null,
        JsonValueKind.Array => value.EnumerateArray().Select(Plain).ToArray(),
        _ => value.GetRawText(),
    };

    private static SpotConnectValidationException Invalid(string path, string rule) =>
        new(new ValidationProblem(FileName, path, rule));
}
