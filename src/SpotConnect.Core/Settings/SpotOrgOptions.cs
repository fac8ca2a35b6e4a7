using SpotConnect.Org;

namespace SpotConnect.Settings;

/// <summary>The options of an organization rollout as a plain record, for code without the CDK (the CLI, tests); see <see cref="ISpotOrgOptions"/>.</summary>
public sealed record SpotOrgOptions : ISpotOrgOptions
{
    /// <inheritdoc />
    public OrgState? State { get; init; }

    /// <inheritdoc />
    public string? Region { get; init; }

    /// <inheritdoc />
    public OrgCallAs? CallAs { get; init; }

    /// <inheritdoc />
    public int? FailureTolerance { get; init; }

    /// <summary>The org options among <paramref name="values"/> (each a setting's parsed value), with <paramref name="state"/>; absent ones stay <see langword="null"/>.</summary>
    public static SpotOrgOptions From(IReadOnlyDictionary<Setting, object> values, OrgState? state)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new SpotOrgOptions
        {
            State = state,
            Region = values.GetValueOrDefault(SpotSettings.OrgRegion) as string,
            CallAs = values.GetValueOrDefault(SpotSettings.OrgCallAs) as OrgCallAs?,
            FailureTolerance = values.GetValueOrDefault(SpotSettings.OrgFailureTolerance) as int?,
        };
    }
}
