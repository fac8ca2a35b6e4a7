using System.Text.Json.Serialization;

namespace SpotConnect.Plan;

/// <summary>The managed policies' part of a plan: customer managed policy names (deployed, planned), whether their documents change, AWS managed policies attached and detached.</summary>
internal sealed record PoliciesPlan(
    IReadOnlyList<string> Deployed,
    IReadOnlyList<string> Planned,
    bool DocumentsChanged,
    IReadOnlyList<string> AwsManagedAdded,
    IReadOnlyList<string> AwsManagedRemoved)
{
    /// <summary>Whether the policy names change.</summary>
    [JsonIgnore]
    public bool NamesChanged => !Deployed.SequenceEqual(Planned, StringComparer.Ordinal);

    /// <summary>Whether a deploy changes any managed policy (a document, a name, an attachment).</summary>
    [JsonPropertyName("changed")]
    public bool HasChanges => DocumentsChanged || NamesChanged || AwsManagedAdded.Count > 0 || AwsManagedRemoved.Count > 0;
}
