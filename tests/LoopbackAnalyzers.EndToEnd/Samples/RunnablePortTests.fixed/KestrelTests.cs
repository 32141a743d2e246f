using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Xunit;

namespace RunnablePortTests;

public class KestrelTests
{
    [Fact]
    public async Task Serves_a_request_on_the_url_from_UseUrls()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0"); // LOOP002
        var app = builder.Build();
        app.MapGet("/", () => "hello");
        await app.StartAsync();
        var port = new Uri(app.Urls.First()).Port;

        using var http = new HttpClient();
        var body = await http.GetStringAsync($"http://127.0.0.1:{port}/");
        Assert.Equal("hello", body);

        await app.StopAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Serves_a_request_on_the_url_from_app_Urls()
    {
        var builder = WebApplication.CreateBuilder();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0"); // LOOP002
        app.MapGet("/", () => "hello");
        await app.StartAsync();
        var port = new Uri(app.Urls.First()).Port;

        using var http = new HttpClient();
        var body = await http.GetStringAsync($"http://localhost:{port}/");
        Assert.Equal("hello", body);

        await app.StopAsync();
        await app.DisposeAsync();
    }
}
