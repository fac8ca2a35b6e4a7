namespace SpotConnect.Settings;

/// <summary>
/// How messages name settings: the surface's name for each, under an optional prefix (<c>Link.</c> for the
/// props a stack carries), with per-setting overrides where a value comes from elsewhere (the CLI's state file).
/// </summary>
public sealed record FieldNames
{
    private readonly IReadOnlyDictionary<Setting, string> _overrides;

    /// <summary>Names on <paramref name="surface"/>, each after <paramref name="prefix"/>.</summary>
    public FieldNames(SettingSurface surface, string prefix = "", IReadOnlyDictionary<Setting, string>? overrides = null)
    {
        Surface = surface;
        Prefix = prefix;
        _overrides = overrides ?? new Dictionary<Setting, string>();
    }

    /// <summary>Construct props names.</summary>
    public static FieldNames Props { get; } = new(SettingSurface.Props);

    /// <summary>CDK context keys.</summary>
    public static FieldNames Context { get; } = new(SettingSurface.Context);

    /// <summary>CLI options.</summary>
    public static FieldNames Cli { get; } = new(SettingSurface.Cli);

    /// <summary>The surface.</summary>
    public SettingSurface Surface { get; }

    /// <summary>Put before every name, e.g. <c>Link.</c>.</summary>
    public string Prefix { get; }

    /// <summary>The same names with settings that come from elsewhere renamed (e.g. the external id from <c>--state</c>).</summary>
    public FieldNames WithOverrides(IReadOnlyDictionary<Setting, string> overrides) => new(Surface, Prefix, overrides);

    /// <summary>The name a user knows <paramref name="setting"/> by on this surface.</summary>
    public string Of(Setting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return _overrides.TryGetValue(setting, out var name) ? name : Prefix + setting.NameOn(Surface);
    }
}
