import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

@Controller("/api/v1/items")
class ItemController {
  // ruleid: micronaut-anonymous-state-change
  @Secured(SecurityRule.IS_ANONYMOUS)
  @Post
  String create(String body) {
    return body;
  }

  // ruleid: micronaut-anonymous-state-change
  @Secured(SecurityRule.IS_ANONYMOUS)
  @Delete("/{id}")
  void delete(String id) {}

  // ok: micronaut-anonymous-state-change
  @Secured(SecurityRule.IS_ANONYMOUS)
  @Get
  String list() {
    return "[]";
  }

  // ok: micronaut-anonymous-state-change
  @Secured(SecurityRule.IS_AUTHENTICATED)
  @Post("/bulk")
  String bulk(String body) {
    return body;
  }
}
