using Microsoft.AspNetCore.Builder;
using Xunit;

namespace RunnablePortTests;

public class PortZeroTests
{
    // Unfixed, this test fails: Kestrel refuses port 0 on "localhost" at StartAsync. The LOOP004 fix makes it pass.
    [Fact]
    public async Task Serves_on_an_OS_assigned_port()
    {
        var builder = WebApplication.CreateBuilder();
        var app = builder.Build();
        app.Urls.Add("http://localhost:0"); // LOOP004
        app.MapGet("/", () => "zero");
        await app.StartAsync();

        using var http = new HttpClient();
        var body = await http.GetStringAsync(app.Urls.First());
        Assert.Equal("zero", body);

        await app.StopAsync();
        await app.DisposeAsync();
    }
}
