using SpotConnect.Catalog;
using SpotConnect.Selection;
using SpotConnect.Validation;

namespace SpotConnect.Tests;

public sealed class SelectionTests
{
    [Fact]
    public void Default_is_every_bundle_except_security_audit()
    {
        var expected = BundleCatalog.Spot.Ids.Where(id => id != "security-audit");
        Assert.Equal(expected, BundleSelection.Parse("default").Ids);
        Assert.Equal(expected, BundleSelection.Default.Ids);
        Assert.True(BundleSelection.Parse("default").IsDefault);
        Assert.False(BundleSelection.Parse("default,security-audit").IsDefault);
        Assert.Contains("security-audit", BundleSelection.Parse("default, security-audit").Ids);
    }

    [Theory]
    [InlineData("ocean.eks", "general,ocean,ocean.eks")]
    [InlineData("elastigroup.beanstalk", "general,elastigroup,elastigroup.beanstalk")]
    [InlineData("general", "general")]
    [InlineData("storage", "general,storage")]
    [InlineData("security-audit", "general,security-audit")]
    [InlineData("ocean.ecs,elastigroup.emr", "general,elastigroup,ocean,ocean.ecs,elastigroup.emr")]
    public void An_integration_brings_its_product_and_general_is_always_there(string list, string expected)
    {
        Assert.Equal(expected, BundleSelection.Parse(list).ToString());
    }

    [Fact]
    public void Order_whitespace_and_duplicates_do_not_matter()
    {
        var a = BundleSelection.Parse("ocean,ocean.eks");
        var b = BundleSelection.Parse("  ocean.eks , ocean,ocean.eks,,general ");
        Assert.Equal(a, b);
        Assert.Equal(a.ToString(), b.ToString());
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Unknown_ids_are_each_reported_with_the_valid_choices()
    {
        var e = Assert.Throws<SpotConnectValidationException>(() => BundleSelection.Parse("ocean,eks,Ocean.EKS", "spot:bundles"));
        Assert.Equal(2, e.Problems.Count);
        Assert.All(e.Problems, p => Assert.Equal("spot:bundles", p.Field));
        Assert.Equal(["eks", "Ocean.EKS"], e.Problems.Select(p => p.Value));
        Assert.Contains("default", e.Problems[0].ValidChoices!);
        Assert.Contains("ocean.eks", e.Problems[0].ValidChoices!);
        Assert.Contains("Ids are lower-case", e.Problems[1].Rule, StringComparison.Ordinal);
        Assert.Contains("spot:bundles: 'eks' is invalid: unknown bundle id.", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" , ")]
    [InlineData(null)]
    public void An_empty_selection_is_an_error(string? list)
    {
        var e = Assert.Throws<SpotConnectValidationException>(() => BundleSelection.Parse(list, "--bundles"));
        Assert.Equal("--bundles", Assert.Single(e.Problems).Field);
        Assert.Contains("at least one bundle id", e.Message, StringComparison.Ordinal);
    }
}
