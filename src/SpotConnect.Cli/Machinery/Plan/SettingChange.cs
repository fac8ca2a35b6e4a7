using SpotConnect.Settings;

namespace SpotConnect.Plan;

/// <summary>A setting whose effective value differs from the one deployed (<see langword="null"/>: none).</summary>
internal sealed record SettingChange(Setting Setting, string? Deployed, string? Planned);
