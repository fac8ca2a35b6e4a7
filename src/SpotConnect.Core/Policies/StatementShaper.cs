using SpotConnect.Catalog;

namespace SpotConnect.Policies;

/// <summary>
/// Applies <see cref="PolicyRestrictions"/> to statements. A statement whose actions fall under different
/// conditions is split; the part that keeps Spot's grant unconditionally keeps Spot's Sid and each other part
/// gets a suffix saying why: <c>SpotTagged</c> (only on resources carrying Spot's tag), <c>Regional</c> (only
/// in the allowed regions). A part that is not split off keeps the Sid and gains the condition.
/// </summary>
internal sealed class StatementShaper
{
    /// <summary>The suffix of the part restricted to Spot-tagged resources.</summary>
    public const string SpotTaggedSuffix = "SpotTagged";

    /// <summary>The suffix of the part restricted to the allowed regions.</summary>
    public const string RegionalSuffix = "Regional";

    /// <summary>The condition key of the region restriction.</summary>
    public const string RequestedRegionKey = "aws:RequestedRegion";

    private readonly PolicyRestrictions _restrictions;
    private readonly LeastPrivilegeData _data;

    public StatementShaper(PolicyRestrictions restrictions, LeastPrivilegeData data)
    {
        _restrictions = restrictions;
        _data = data;
    }

    /// <summary>The statements that replace <paramref name="statement"/>, in order; actions sorted as aws-cdk-lib renders them.</summary>
    public IReadOnlyList<PolicyStatementSpec> Shape(PolicyStatementSpec statement) =>
        Split(statement).Select(s => s with { Actions = s.Actions.Order(StringComparer.Ordinal).ToArray() }).ToArray();

    private IReadOnlyList<PolicyStatementSpec> Split(PolicyStatementSpec statement)
    {
        var parts = new List<PolicyStatementSpec>();
        if (_restrictions.RestrictToSpotResources)
        {
            var tagged = statement.Actions.Where(IsSpotTagged).ToArray();
            var rest = statement.Actions.Where(a => !IsSpotTagged(a)).ToArray();
            CheckNoWildcardHidesTaggedAction(statement, rest);
            if (rest.Length > 0)
            {
                parts.Add(statement with { Actions = rest });
            }

            if (tagged.Length > 0)
            {
                var condition = new PolicyCondition("StringEquals", _data.SpotTagged.ConditionKey, [_data.SpotTagged.Value]);
                parts.Add(statement with
                {
                    Sid = rest.Length > 0 ? statement.Sid + SpotTaggedSuffix : statement.Sid,
                    Actions = tagged,
                    Conditions = [.. statement.Conditions, condition],
                });
            }
        }
        else
        {
            parts.Add(statement);
        }

        return _restrictions.Regions.Count == 0 ? parts : parts.SelectMany(ByRegion).ToArray();
    }

    private IEnumerable<PolicyStatementSpec> ByRegion(PolicyStatementSpec statement)
    {
        var global = new List<string>();
        var regional = new List<string>();
        foreach (var action in statement.Actions)
        {
            if (_data.GlobalActions.Actions.Any(g => IamPattern.ActionCovers(g, action)))
            {
                global.Add(action);
                continue;
            }

            // A wildcard that reaches into a global service's actions (s3:List* holds s3:ListAllMyBuckets) stays
            // regional, and those global actions are granted by name, so they keep working from anywhere.
            regional.Add(action);
            global.AddRange(_data.GlobalActions.Actions.Where(g => IamPattern.ActionCovers(action, g)));
        }

        global = global.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (global.Count > 0)
        {
            yield return statement with { Actions = global };
        }

        if (regional.Count > 0)
        {
            yield return statement with
            {
                Sid = global.Count > 0 ? statement.Sid + RegionalSuffix : statement.Sid,
                Actions = regional,
                Conditions = [.. statement.Conditions, new PolicyCondition("StringEquals", RequestedRegionKey, _restrictions.Regions)],
            };
        }
    }

    private bool IsSpotTagged(string action) =>
        _data.SpotTagged.Actions.Contains(action, StringComparer.OrdinalIgnoreCase);

    private void CheckNoWildcardHidesTaggedAction(PolicyStatementSpec statement, IEnumerable<string> rest)
    {
        var hidden = rest.Where(a => a.Contains('*', StringComparison.Ordinal))
            .SelectMany(a => _data.SpotTagged.Actions.Where(t => IamPattern.ActionCovers(a, t)).Select(t => $"{a} grants {t}"))
            .ToArray();
        if (hidden.Length > 0)
        {
            throw new InvalidOperationException(
                $"Statement {statement.Sid}: a wildcard grants a destructive action that must be restricted to Spot's tag ({string.Join("; ", hidden)}). List the actions in the catalog by name.");
        }
    }
}
