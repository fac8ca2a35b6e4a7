using SpotConnect.Catalog;

namespace SpotConnect.Policies;

/// <summary>
/// Semantics-preserving de-duplication, decided once per catalog so that a statement reads the same in
/// every selection that contains it (which keeps policies stable when bundles come and go).
/// </summary>
/// <remarks>
/// An action is dropped from a statement when a grant that is present whenever this statement is present
/// covers it on at least the same resources:
/// <list type="bullet">
/// <item>a wildcard or an earlier equal action in the same statement (<c>autoscaling:Describe*</c> next to <c>autoscaling:*</c>);</item>
/// <item>an action of an earlier statement of the same bundle, or of any earlier statement of the bundles every
/// carrier of this statement requires (<c>general</c>, and an integration's product).</item>
/// </list>
/// Siblings (bundles that may or may not be selected alongside) never cause a drop. A statement that would
/// lose every action to other statements keeps them all, so each selected bundle stays visible by its Sid.
/// </remarks>
internal static class StatementReducer
{
    public static IReadOnlyDictionary<string, ReducedStatement> Reduce(BundleCatalog catalog)
    {
        var result = new Dictionary<string, ReducedStatement>(StringComparer.Ordinal);
        foreach (var statement in catalog.Statements)
        {
            var context = AlwaysPresentWith(catalog, statement);
            var withinOnly = new List<DroppedAction>();
            var kept = new List<string>();
            var crossDropped = new List<DroppedAction>();
            for (var i = 0; i < statement.Actions.Count; i++)
            {
                var action = statement.Actions[i];
                var inside = CoveredWithin(statement, i);
                if (inside is not null)
                {
                    withinOnly.Add(new DroppedAction(action, inside, statement.Sid));
                    continue;
                }

                var outside = context
                    .Where(other => IamPattern.ResourcesCover(other.Resources, statement.Resources))
                    .SelectMany(other => other.Actions.Select(a => (Sid: other.Sid, Action: a)))
                    .FirstOrDefault(g => IamPattern.ActionCovers(g.Action, action));
                if (outside.Action is not null)
                {
                    crossDropped.Add(new DroppedAction(action, outside.Action, outside.Sid));
                }
                else
                {
                    kept.Add(action);
                }
            }

            if (kept.Count == 0)
            {
                // Every action is granted elsewhere: keep the statement whole rather than lose its Sid.
                kept = statement.Actions.Where((_, i) => CoveredWithin(statement, i) is null).ToList();
                crossDropped.Clear();
            }

            result[statement.Sid] = new ReducedStatement(
                statement,
                new PolicyStatementSpec(statement.Sid, kept, statement.Resources),
                [.. withinOnly, .. crossDropped]);
        }

        return result;
    }

    /// <summary>The covering action inside the same statement, if the action at <paramref name="index"/> is redundant there.</summary>
    private static string? CoveredWithin(CatalogStatement statement, int index)
    {
        var action = statement.Actions[index];
        for (var j = 0; j < statement.Actions.Count; j++)
        {
            if (j == index)
            {
                continue;
            }

            // Patterns that cover each other (equal, or alike such as "ec2:Describe*" and "ec2:Describe**")
            // keep the earliest, so exactly one of them survives.
            var other = statement.Actions[j];
            if (IamPattern.ActionCovers(other, action) && (j < index || !IamPattern.ActionCovers(action, other)))
            {
                return other;
            }
        }

        return null;
    }

    /// <summary>
    /// Statements present in every selection that contains <paramref name="statement"/>: for each bundle that
    /// carries it, its earlier statements and everything its requirements (transitively) and the
    /// always-included bundles carry; intersected over the carriers.
    /// </summary>
    private static CatalogStatement[] AlwaysPresentWith(BundleCatalog catalog, CatalogStatement statement)
    {
        HashSet<string>? common = null;
        foreach (var carrier in catalog.Bundles.Where(b => b.Statements.Contains(statement)))
        {
            var present = new HashSet<string>(StringComparer.Ordinal);
            foreach (var bundle in Ancestors(catalog, carrier))
            {
                present.UnionWith(bundle.Statements.Select(s => s.Sid));
            }

            present.UnionWith(carrier.Statements.TakeWhile(s => s != statement).Select(s => s.Sid));
            present.Remove(statement.Sid);
            common = common is null ? present : [.. common.Intersect(present)];
        }

        // Only statements earlier in canonical order: reductions then form no cycle (two statements can never
        // drop a shared action because of each other), whatever the catalog declares.
        return catalog.Statements.TakeWhile(s => s.Sid != statement.Sid).Where(s => common?.Contains(s.Sid) == true).ToArray();
    }

    private static IEnumerable<PermissionBundle> Ancestors(BundleCatalog catalog, PermissionBundle bundle)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(bundle.Requires.Concat(catalog.Bundles.Where(b => b.AlwaysIncluded && b.Id != bundle.Id).Select(b => b.Id)));
        while (pending.Count > 0)
        {
            var id = pending.Pop();
            if (id == bundle.Id || !seen.Add(id))
            {
                continue;
            }

            var ancestor = catalog[id];
            yield return ancestor;
            foreach (var required in ancestor.Requires)
            {
                pending.Push(required);
            }
        }
    }
}
