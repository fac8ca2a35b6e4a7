namespace SpotConnect.Plan;

/// <summary>A setting whose effective value differs from the one deployed (<see langword="null"/>: none).</summary>
/// <param name="Setting">The setting as the CLI names it: its option, or where the state file got it.</param>
/// <param name="Key">Its context key (<c>spot:bundles</c>), as the state's record and cdk.json hold it.</param>
/// <param name="Deployed">The deployed value.</param>
/// <param name="Planned">The planned value.</param>
internal sealed record SettingChange(string Setting, string Key, string? Deployed, string? Planned);
