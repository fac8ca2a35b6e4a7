using System.Text.Json;
using SpotConnect.Validation;

namespace SpotConnect.Settings;

/// <summary>Parsers for settings given as text (context, environment, command line) whose values are lists or maps.</summary>
internal static class SettingText
{
    /// <summary>A comma-separated list: items trimmed, empty items and repeats dropped, order kept.</summary>
    public static IReadOnlyList<string> List(string text, string field) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Tags as <c>Key=Value,Key2=Value2</c> (a value may contain '='; IAM forbids ',' in tags) or as a JSON object.</summary>
    public static IReadOnlyDictionary<string, string> Tags(string text, string field)
    {
        var problems = new List<ValidationProblem>();
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string key, string value)
        {
            if (!tags.TryAdd(key, value))
            {
                problems.Add(new(field, text, $"the key '{key}' is given twice."));
            }
        }

        if (text.TrimStart().StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.String)
                    {
                        Add(property.Name, property.Value.GetString()!);
                    }
                    else
                    {
                        problems.Add(new(field, text, $"the value of '{property.Name}' must be a string."));
                    }
                }
            }
            catch (JsonException e)
            {
                problems.Add(new(field, text, $"not a JSON object of strings ({e.Message})."));
            }
        }
        else
        {
            foreach (var pair in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    problems.Add(new(field, text, $"'{pair}' is not Key=Value (tags are Key=Value,Key2=Value2)."));
                    continue;
                }

                Add(pair[..equals].Trim(), pair[(equals + 1)..].Trim());
            }
        }

        return problems.Count > 0 ? throw new SpotConnectValidationException(problems) : tags;
    }
}
