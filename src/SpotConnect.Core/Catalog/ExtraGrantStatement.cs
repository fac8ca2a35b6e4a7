namespace SpotConnect.Catalog;

/// <summary>One statement of an <see cref="ExtraGrant"/>.</summary>
/// <param name="Sid">The statement id (Spot's, where Spot names one).</param>
/// <param name="Actions">The actions.</param>
internal sealed record ExtraGrantStatement(string Sid, IReadOnlyList<string> Actions);
