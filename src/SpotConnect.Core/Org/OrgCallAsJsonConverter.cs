using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpotConnect.Org;

/// <summary>Reads and writes <see cref="OrgCallAs"/> as <c>SELF</c> / <c>DELEGATED_ADMIN</c>, as state files have always held it.</summary>
internal sealed class OrgCallAsJsonConverter : JsonConverter<OrgCallAs>
{
    public override OrgCallAs Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        OrgCallAsText.Parse(reader.GetString()) ?? throw new JsonException($"'{reader.GetString()}' is not SELF or DELEGATED_ADMIN.");

    public override void Write(Utf8JsonWriter writer, OrgCallAs value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToText());
    }
}
