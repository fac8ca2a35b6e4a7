using SpotConnect.Catalog;
using SpotConnect.Validation;

namespace SpotConnect.Selection;

/// <summary>
/// A resolved choice of permission bundles: what the user asked for, plus what that implies (an
/// integration brings its product; <c>general</c> is always there), in the catalog's canonical order.
/// Two selections that resolve to the same bundles are equal, whatever the order or duplication of the ids
/// they were made from.
/// </summary>
public sealed class BundleSelection : IEquatable<BundleSelection>
{
    private BundleSelection(BundleCatalog catalog, IReadOnlyList<PermissionBundle> bundles, string? given = null)
    {
        Catalog = catalog;
        Bundles = bundles;
        Given = given;
    }

    /// <summary>The list as the user gave it (for messages), when the selection was parsed from one.</summary>
    public string? Given { get; }

    /// <summary>The catalog the selection was made from.</summary>
    public BundleCatalog Catalog { get; }

    /// <summary>The selected bundles, implied ones included, in canonical order.</summary>
    public IReadOnlyList<PermissionBundle> Bundles { get; }

    /// <summary>Ids of the selected bundles, in canonical order.</summary>
    public IReadOnlyList<string> Ids => Bundles.Select(b => b.Id).ToArray();

    /// <summary>Spot's "Default Permissions": every bundle of the built-in catalog that is not opt-in.</summary>
    public static BundleSelection Default => DefaultOf(BundleCatalog.Spot);

    /// <summary>Every bundle of <paramref name="catalog"/> that is not opt-in.</summary>
    public static BundleSelection DefaultOf(BundleCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Resolve(catalog, catalog.Bundles.Where(b => !b.OptIn).Select(b => b.Id));
    }

    /// <summary>Whether this is exactly the <c>default</c> selection of its catalog.</summary>
    public bool IsDefault => Equals(DefaultOf(Catalog));

    /// <summary>
    /// Parses a comma-separated list of bundle ids (whitespace around ids ignored, order and duplicates
    /// irrelevant; <c>default</c> stands for every bundle that is not opt-in).
    /// </summary>
    /// <param name="list">The list, e.g. <c>ocean, ocean.eks</c>.</param>
    /// <param name="field">The name the user gave the list under, used in error messages.</param>
    /// <param name="catalog">The catalog; default: <see cref="BundleCatalog.Spot"/>.</param>
    /// <exception cref="SpotConnectValidationException">An id is unknown or the list is empty.</exception>
    public static BundleSelection Parse(string? list, string field = "bundles", BundleCatalog? catalog = null)
    {
        catalog ??= BundleCatalog.Spot;
        var ids = (list ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return FromIds(ids, field, catalog, list);
    }

    /// <summary>Selects the given bundle ids (and <c>default</c>) from <paramref name="catalog"/>.</summary>
    /// <exception cref="SpotConnectValidationException">An id is unknown or there are none.</exception>
    public static BundleSelection Of(IEnumerable<string> ids, string field = "bundles", BundleCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var list = ids.Select(i => i.Trim()).Where(i => i.Length > 0).ToArray();
        return FromIds(list, field, catalog ?? BundleCatalog.Spot, string.Join(",", list));
    }

    /// <summary>Selects the given bundle ids from the built-in catalog.</summary>
    public static BundleSelection Of(params string[] ids) => Of(ids, "bundles");

    private static BundleSelection FromIds(string[] ids, string field, BundleCatalog catalog, string? original)
    {
        var choices = catalog.Ids.Prepend(catalog.DefaultKeyword).ToArray();
        if (ids.Length == 0)
        {
            throw new SpotConnectValidationException(new ValidationProblem(
                field, original, "give at least one bundle id, or 'default'.", choices));
        }

        var unknown = ids.Where(id => id != catalog.DefaultKeyword && catalog.Find(id) is null).Distinct().ToArray();
        if (unknown.Length > 0)
        {
            var hint = unknown.Any(u => catalog.Find(u.ToLowerInvariant()) is not null) ? " Ids are lower-case." : string.Empty;
            throw new SpotConnectValidationException(unknown.Select(u => new ValidationProblem(
                field, u, $"unknown bundle id.{hint}", choices)).ToArray());
        }

        var expanded = ids.SelectMany(id => id == catalog.DefaultKeyword
            ? catalog.Bundles.Where(b => !b.OptIn).Select(b => b.Id)
            : [id]);
        return Resolve(catalog, expanded, original);
    }

    private static BundleSelection Resolve(BundleCatalog catalog, IEnumerable<string> ids, string? given = null)
    {
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(ids.Concat(catalog.Bundles.Where(b => b.AlwaysIncluded).Select(b => b.Id)));
        while (pending.Count > 0)
        {
            var id = pending.Pop();
            if (chosen.Add(id))
            {
                foreach (var required in catalog[id].Requires)
                {
                    pending.Push(required);
                }
            }
        }

        return new BundleSelection(catalog, catalog.Bundles.Where(b => chosen.Contains(b.Id)).ToArray(), given);
    }

    /// <summary>Whether the bundle with this id is selected (directly or implied).</summary>
    public bool Contains(string id) => Bundles.Any(b => b.Id == id);

    /// <summary>The selection as a canonical, comma-separated id list.</summary>
    public override string ToString() => string.Join(",", Ids);

    /// <inheritdoc />
    public bool Equals(BundleSelection? other) =>
        other is not null && ReferenceEquals(Catalog, other.Catalog) && Ids.SequenceEqual(other.Ids);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is BundleSelection other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}
