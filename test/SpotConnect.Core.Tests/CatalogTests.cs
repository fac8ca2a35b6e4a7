using SpotConnect.Catalog;
using SpotConnect.Tests.Support;

namespace SpotConnect.Tests;

public sealed class CatalogTests
{
    private static readonly BundleCatalog Catalog = BundleCatalog.Spot;

    [Fact]
    public void Bundle_ids_are_exactly_the_contracts_in_canonical_order()
    {
        Assert.Equal(Reference.ContractBundles.Keys, Catalog.Ids);
    }

    [Fact]
    public void Each_bundle_carries_the_Sids_the_contract_gives_it()
    {
        foreach (var (id, sids) in Reference.ContractBundles)
        {
            Assert.Equal(sids, Catalog[id].Statements.Select(s => s.Sid));
        }
    }

    [Fact]
    public void Every_statement_is_Spots_published_statement_verbatim_with_partition_aware_ARNs()
    {
        Assert.Equal(Reference.Sids.Order(), Catalog.Statements.Select(s => s.Sid).Order());
        foreach (var statement in Catalog.Statements)
        {
            var published = Reference.Statement(statement.Sid);
            Assert.Equal(Grants.Values(published["Action"]), statement.Actions);
            Assert.Equal("Allow", published["Effect"]!.GetValue<string>());
            var expectedResources = Grants.Values(published["Resource"])
                .Select(r => r.Replace("arn:aws:", "arn:${AWS::Partition}:", StringComparison.Ordinal));
            Assert.Equal(expectedResources, statement.Resources);
            Assert.DoesNotContain(statement.Resources, r => r.StartsWith("arn:aws:", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_bundle_has_a_product_title_and_one_line_description()
    {
        foreach (var bundle in Catalog.Bundles)
        {
            Assert.False(string.IsNullOrWhiteSpace(bundle.Product), bundle.Id);
            Assert.False(string.IsNullOrWhiteSpace(bundle.Title), bundle.Id);
            Assert.False(string.IsNullOrWhiteSpace(bundle.Description), bundle.Id);
            Assert.DoesNotContain('\n', bundle.Description);
        }
    }

    [Fact]
    public void Integrations_require_their_product_and_only_security_audit_is_opt_in()
    {
        foreach (var bundle in Catalog.Bundles)
        {
            var expected = bundle.Id.Contains('.', StringComparison.Ordinal) ? new[] { bundle.Id.Split('.')[0] } : [];
            Assert.Equal(expected, bundle.Requires);
        }

        Assert.Equal(["security-audit"], Catalog.Bundles.Where(b => b.OptIn).Select(b => b.Id));
        Assert.Equal(["SecurityAudit"], Catalog["security-audit"].AwsManagedPolicies);
        Assert.Equal(["general"], Catalog.Bundles.Where(b => b.AlwaysIncluded).Select(b => b.Id));
    }

    [Fact]
    public void The_reference_copy_matches_the_shared_oracle_when_it_is_present()
    {
        var shared = Path.Combine(Repo.Root, "..", "shared", "reference", "spot-default-policy.json");
        if (!File.Exists(shared))
        {
            return; // Not every clone sits beside ../shared; CI's does.
        }

        Assert.Equal(File.ReadAllBytes(shared), File.ReadAllBytes(Reference.Path));
    }

    [Theory]
    [InlineData("""{"schemaVersion":1,"defaultKeyword":"default","statements":[{"sid":"A","actions":["ec2:X"],"resources":["*"]}],"bundles":[{"id":"a","product":"P","title":"T","description":"D","statements":["B"]}]}""", "names unknown statement 'B'")]
    [InlineData("""{"schemaVersion":1,"defaultKeyword":"default","statements":[{"sid":"A","actions":["ec2:X"],"resources":["*"]}],"bundles":[{"id":"a.b","product":"P","title":"T","description":"D","requires":["a"],"statements":["A"]},{"id":"a","product":"P","title":"T","description":"D","statements":["A"]}]}""", "requires 'a', which must be listed before it")]
    [InlineData("""{"schemaVersion":1,"defaultKeyword":"default","statements":[{"sid":"A","actions":["not an action"],"resources":["*"]}],"bundles":[{"id":"a","product":"P","title":"T","description":"D","statements":["A"]}]}""", "action 'not an action' is not of the form service:Action")]
    [InlineData("""{"schemaVersion":1,"defaultKeyword":"default","statements":[{"sid":"A","actions":["ec2:X"],"resources":["*"]}],"bundles":[{"id":"A","product":"P","title":"T","description":"D","statements":["A"]}]}""", "bundle id 'A' must be lower-case")]
    [InlineData("""{"schemaVersion":1,"defaultKeyword":"default","statements":[]""", "malformed")]
    [InlineData("""{"schemaVersion":2,"defaultKeyword":"default","statements":[{"sid":"A","actions":["ec2:X"],"resources":["*"]}],"bundles":[{"id":"a","product":"P","title":"T","description":"D","statements":["A"]}]}""", "schemaVersion 2 is not supported")]
    public void A_malformed_catalog_is_rejected_with_the_place_named(string json, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => BundleCatalog.FromJson(json));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
