namespace SpotConnect.Catalog;

/// <summary>A list of action patterns and where it comes from.</summary>
/// <param name="Source">The public source of the list.</param>
/// <param name="Actions">The action patterns.</param>
internal sealed record SourcedList(string Source, IReadOnlyList<string> Actions);
