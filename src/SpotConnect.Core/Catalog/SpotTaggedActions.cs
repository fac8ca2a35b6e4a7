namespace SpotConnect.Catalog;

/// <summary>Actions allowed only on resources that carry a tag.</summary>
/// <param name="Source">The public source.</param>
/// <param name="ConditionKey">The condition key that reads the tag (<c>ec2:ResourceTag/…</c>).</param>
/// <param name="Value">The tag's value.</param>
/// <param name="Actions">The actions.</param>
internal sealed record SpotTaggedActions(string Source, string ConditionKey, string Value, IReadOnlyList<string> Actions);
