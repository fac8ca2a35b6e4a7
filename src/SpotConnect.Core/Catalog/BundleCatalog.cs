using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SpotConnect.Catalog;

/// <summary>
/// The permission bundles a selection chooses from, in canonical order (products before their
/// integrations). Loaded from JSON data; <see cref="Spot"/> is the catalog built into this library from
/// Spot's published default policy.
/// </summary>
public sealed partial class BundleCatalog
{
    private const string ResourceName = "SpotConnect.Catalog.catalog.json";

    private static readonly Lazy<BundleCatalog> SpotCatalog = new(LoadEmbedded);

    private readonly Dictionary<string, PermissionBundle> _byId;

    private BundleCatalog(IReadOnlyList<PermissionBundle> bundles, IReadOnlyList<CatalogStatement> statements, string defaultKeyword)
    {
        Bundles = bundles;
        Statements = statements;
        DefaultKeyword = defaultKeyword;
        _byId = bundles.ToDictionary(b => b.Id, StringComparer.Ordinal);
    }

    /// <summary>The catalog built into SpotConnect: Spot's published default policy, split into bundles.</summary>
    public static BundleCatalog Spot => SpotCatalog.Value;

    /// <summary>Every bundle, in canonical order.</summary>
    public IReadOnlyList<PermissionBundle> Bundles { get; }

    /// <summary>Every statement, in canonical order (the order of the generated policies).</summary>
    public IReadOnlyList<CatalogStatement> Statements { get; }

    /// <summary>The keyword that selects every bundle that is not opt-in (<c>default</c>).</summary>
    public string DefaultKeyword { get; }

    /// <summary>Bundle ids in canonical order.</summary>
    public IReadOnlyList<string> Ids => Bundles.Select(b => b.Id).ToArray();

    /// <summary>The bundle with this id, or <see langword="null"/>.</summary>
    public PermissionBundle? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The bundle with this id; throws <see cref="KeyNotFoundException"/> when there is none.</summary>
    public PermissionBundle this[string id] =>
        Find(id) ?? throw new KeyNotFoundException($"No bundle '{id}' in the catalog. Valid ids: {string.Join(", ", Ids)}.");

    /// <summary>
    /// Reads a catalog from its JSON form (the schema of the embedded <c>catalog.json</c>) and checks it:
    /// unique lower-case ids, known statement and bundle references, products listed before their
    /// integrations, well-formed IAM actions.
    /// </summary>
    /// <exception cref="InvalidDataException">The data is malformed; the message says where.</exception>
    public static BundleCatalog FromJson(string json)
    {
        CatalogDocument document;
        try
        {
            document = JsonSerializer.Deserialize(json, CatalogJsonContext.Default.CatalogDocument)
                ?? throw new InvalidDataException("The catalog JSON is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The catalog JSON is malformed: {e.Message}", e);
        }

        return Build(document);
    }

    private static BundleCatalog LoadEmbedded()
    {
        using var stream = typeof(BundleCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing from {typeof(BundleCatalog).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return FromJson(reader.ReadToEnd());
    }

    private static BundleCatalog Build(CatalogDocument document)
    {
        var errors = new List<string>();
        if (document.SchemaVersion != 1)
        {
            errors.Add($"schemaVersion {document.SchemaVersion} is not supported (this SpotConnect reads version 1)");
        }

        var statements = new List<CatalogStatement>();
        var bySid = new Dictionary<string, CatalogStatement>(StringComparer.Ordinal);
        foreach (var s in document.Statements)
        {
            if (string.IsNullOrWhiteSpace(s.Sid) || !SidPattern().IsMatch(s.Sid))
            {
                errors.Add($"statement Sid '{s.Sid}' must be alphanumeric");
                continue;
            }

            if (!string.Equals(s.Effect, "Allow", StringComparison.Ordinal))
            {
                errors.Add($"statement '{s.Sid}': only Allow statements are supported, not '{s.Effect}'");
            }

            if (s.Actions.Count == 0 || s.Resources.Count == 0)
            {
                errors.Add($"statement '{s.Sid}' needs at least one action and one resource");
            }

            errors.AddRange(s.Actions.Where(a => !ActionPattern().IsMatch(a))
                .Select(a => $"statement '{s.Sid}': action '{a}' is not of the form service:Action"));

            var statement = new CatalogStatement(s.Sid, s.Actions.ToArray(), s.Resources.ToArray());
            if (!bySid.TryAdd(s.Sid, statement))
            {
                errors.Add($"statement Sid '{s.Sid}' appears twice");
                continue;
            }

            statements.Add(statement);
        }

        var bundles = new List<PermissionBundle>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var b in document.Bundles)
        {
            if (!BundleIdPattern().IsMatch(b.Id))
            {
                errors.Add($"bundle id '{b.Id}' must be lower-case letters, digits, '-' and '.'");
            }

            if (b.Id == document.DefaultKeyword)
            {
                errors.Add($"bundle id '{b.Id}' clashes with the default keyword");
            }

            foreach (var required in b.Requires.Where(r => !seen.Contains(r)))
            {
                errors.Add($"bundle '{b.Id}' requires '{required}', which must be listed before it");
            }

            var carried = new List<CatalogStatement>();
            foreach (var sid in b.Statements)
            {
                if (bySid.TryGetValue(sid, out var statement))
                {
                    carried.Add(statement);
                    used.Add(sid);
                }
                else
                {
                    errors.Add($"bundle '{b.Id}' names unknown statement '{sid}'");
                }
            }

            if (carried.Count == 0 && b.AwsManagedPolicies.Count == 0)
            {
                errors.Add($"bundle '{b.Id}' grants nothing: give it statements or AWS managed policies");
            }

            if (!seen.Add(b.Id))
            {
                errors.Add($"bundle id '{b.Id}' appears twice");
            }

            bundles.Add(new PermissionBundle
            {
                Id = b.Id,
                Product = b.Product,
                Integration = b.Integration,
                Title = b.Title,
                Description = b.Description,
                AlwaysIncluded = b.AlwaysIncluded,
                OptIn = b.OptIn,
                Requires = b.Requires.ToArray(),
                Statements = carried,
                AwsManagedPolicies = b.AwsManagedPolicies.ToArray(),
            });
        }

        errors.AddRange(statements.Where(s => !used.Contains(s.Sid)).Select(s => $"statement '{s.Sid}' belongs to no bundle"));

        // Statements must appear in the order bundles first use them, so that canonical order is one order.
        var firstUse = bundles.SelectMany(b => b.Statements).Select(s => s.Sid).Distinct().ToList();
        if (errors.Count == 0 && !firstUse.SequenceEqual(statements.Select(s => s.Sid)))
        {
            errors.Add($"statements must be listed in the order bundles first use them: {string.Join(", ", firstUse)}");
        }

        if (errors.Count > 0)
        {
            throw new InvalidDataException("Invalid bundle catalog: " + string.Join("; ", errors) + ".");
        }

        return new BundleCatalog(bundles, statements, document.DefaultKeyword);
    }

    [GeneratedRegex("^[A-Za-z0-9]+$")]
    private static partial Regex SidPattern();

    [GeneratedRegex("^[a-z0-9-]+:[A-Za-z0-9*?]+$")]
    private static partial Regex ActionPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)*$")]
    private static partial Regex BundleIdPattern();
}
